package io.plantpulse.push;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bounds what Tyrus buffers of one incoming frame. Tyrus reads a whole frame, up to 4 MiB by
 * default, before the session's message size limit can refuse it with 1009; so every connection
 * could hold 4 MiB of a client's choosing. Tyrus's servlet upgrade reads {@value #PARAM} from the
 * context at each handshake ({@code TyrusServletUpgrade}, Tyrus 2.1.5): four times the largest
 * message we accept, so a message just over the limit still gets its 1009, and anything far larger
 * ends the connection at once. Other servers ignore the parameter; Undertow enforces the message
 * size itself.
 */
@WebListener
public class TyrusFrameLimit implements ServletContextListener {

  static final String PARAM = "org.glassfish.tyrus.servlet.incoming-buffer-size";

  /** The most a frame header adds to a payload (RFC 6455 §5.2). */
  private static final int FRAME_OVERHEAD = 14;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    int maxMessage =
        ConfigProvider.getConfig().getValue("plantpulse.ws.max-message-bytes", Integer.class);
    event
        .getServletContext()
        .setInitParameter(PARAM, Integer.toString(4 * maxMessage + FRAME_OVERHEAD));
  }
}
