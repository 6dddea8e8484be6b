package io.plantpulse.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as the WebSocket proxy, run as this user with a configuration generated from
 * {@code deploy/nginx/nginx.conf}: the same proxying, limits and timeouts, with only what differs
 * on one machine replaced (the upstream addresses, the port, the paths an unprivileged nginx may
 * write), and the load client's loopback address exempt from the per-address limits, since every
 * simulated browser comes from it.
 */
final class NginxProcess implements AutoCloseable {

  private final Process process;
  final int port;

  private NginxProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * nginx on {@code port} in front of {@code upstreams}, and on each of {@code singlePorts} the
   * same proxying to the upstream of the same index alone: a client that must stay on one instance
   * still crosses the same nginx process as the crowd.
   */
  static NginxProcess start(int port, List<Integer> upstreams, List<Integer> singlePorts, Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Path conf = dir.resolve("nginx.conf");
    String rendered =
        render(Files.readString(Path.of("deploy/nginx/nginx.conf")), port, upstreams, dir);
    Files.writeString(conf, withSingleUpstreams(rendered, port, upstreams, singlePorts));
    Process p =
        new ProcessBuilder(
                "nginx",
                "-p",
                dir.toAbsolutePath().toString(),
                "-c",
                conf.toAbsolutePath().toString(),
                "-g",
                "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs/nginx.out").toFile())
            .start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!listening(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "nginx did not start; see " + dir.resolve("logs/nginx.out") + " and error.log");
      }
      Thread.sleep(100);
    }
    return new NginxProcess(p, port);
  }

  /** The shipped configuration with this machine's addresses and paths. */
  static String render(String shipped, int port, List<Integer> upstreams, Path dir) {
    // The shipped server lines, parameters and all, pointed at this machine's instances.
    String lines = shipped;
    for (int i = 0; i < upstreams.size(); i++) {
      lines =
          lines.replace(
              "    server plantpulse-" + (i + 1) + ":8080",
              "    server 127.0.0.1:" + upstreams.get(i));
    }
    String abs = dir.toAbsolutePath().toString();
    String out =
        lines
            .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
            .replace(
                "worker_processes auto;",
                "worker_processes 1;\npid "
                    + abs
                    + "/nginx.pid;\nerror_log "
                    + abs
                    + "/logs/error.log warn;")
            .replace(
                "  access_log off;",
                "  access_log off;\n"
                    + "  client_body_temp_path "
                    + abs
                    + "/body;\n"
                    + "  proxy_temp_path "
                    + abs
                    + "/proxy;\n"
                    + "  fastcgi_temp_path "
                    + abs
                    + "/fastcgi;\n"
                    + "  uwsgi_temp_path "
                    + abs
                    + "/uwsgi;\n"
                    + "  scgi_temp_path "
                    + abs
                    + "/scgi;")
            .replace("  trusted_load_client_placeholder", "")
            .replace(
                "default 1;\n    # no trusted networks",
                "default 1;\n    127.0.0.1 0;\n    # no trusted networks");
    if (!out.contains("server 127.0.0.1:") || !out.contains("127.0.0.1 0;")) {
      throw new IllegalStateException("deploy/nginx/nginx.conf changed shape; update NginxProcess");
    }
    return out;
  }

  /** The rendered server block again on each single port, proxying to its one instance. */
  static String withSingleUpstreams(
      String rendered, int port, List<Integer> upstreams, List<Integer> singlePorts) {
    int from = rendered.indexOf("  server {\n    listen 127.0.0.1:" + port + ";");
    int to = rendered.lastIndexOf("\n  }\n") + "\n  }\n".length();
    if (from < 0 || to <= from) {
      throw new IllegalStateException("deploy/nginx/nginx.conf changed shape; update NginxProcess");
    }
    String block = rendered.substring(from, to);
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < singlePorts.size(); i++) {
      String name = "plantpulse_only_" + (i + 1);
      extra
          .append("  upstream ")
          .append(name)
          .append(" {\n    server 127.0.0.1:")
          .append(upstreams.get(i))
          .append(" max_fails=0;\n  }\n")
          .append(
              block
                  .replace(
                      "listen 127.0.0.1:" + port + ";",
                      "listen 127.0.0.1:" + singlePorts.get(i) + ";")
                  .replace("proxy_pass http://plantpulse;", "proxy_pass http://" + name + ";"));
    }
    return rendered.substring(0, to) + extra + rendered.substring(to);
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
