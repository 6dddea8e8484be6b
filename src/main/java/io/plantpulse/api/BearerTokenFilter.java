package io.plantpulse.api;

import io.plantpulse.auth.Principals;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * With tokens configured, every API call needs one ({@code Authorization: Bearer}); without, 401
 * {@code unauthorized} and a {@code WWW-Authenticate} challenge. The principal becomes the
 * request's {@link SecurityContext} user, the standard place resources read it from (the one that
 * records acknowledgements). Query-string tokens are for WebSockets only: in a URL they end up in
 * proxy logs.
 */
@Provider
@PreMatching
public class BearerTokenFilter implements ContainerRequestFilter {

  private final Principals principals = Principals.fromConfig();

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getPath().replaceFirst("^/", "").equals(MetricsResource.PATH)) {
      // The metrics as Prometheus text where the server has no MicroProfile Metrics (WildFly):
      // for scrapers on the operations network, like /metrics on Payara.
      return;
    }
    String principal =
        principals.principal(request.getHeaderString(HttpHeaders.AUTHORIZATION), null);
    if (principal == null) {
      request.abortWith(
          Response.fromResponse(
                  ApiError.response(
                      Response.Status.UNAUTHORIZED,
                      "unauthorized",
                      "This instance needs a bearer token (Authorization: Bearer <token>)."))
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plantpulse\"")
              .build());
      return;
    }
    if (principals.enabled()) {
      request.setSecurityContext(new TokenSecurity(principal, request.getSecurityContext()));
    }
  }

  /** The caller as the token named it. */
  private record TokenSecurity(String name, SecurityContext underlying) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return () -> name;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return underlying != null && underlying.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
