package io.plantpulse.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every REST error: a stable code for programs, a message for people. */
public record ApiError(String code, String message) {

  static Response response(Response.Status status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(code, message))
        .build();
  }
}
