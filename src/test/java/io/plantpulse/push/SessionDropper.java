package io.plantpulse.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Test-only, added to the deployment by the browser tests: drops every WebSocket connection the way
 * a restarting instance does (1012 with a retry hint), so a page's reconnect can be watched. Never
 * part of the product WAR.
 */
@Path("test/sessions/drop")
@ApplicationScoped
public class SessionDropper {

  @Inject SessionRegistry registry;

  @POST
  public void drop() {
    registry.closeAll(new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART, "retry=3000"));
  }
}
