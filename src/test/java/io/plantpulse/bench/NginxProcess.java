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

  static NginxProcess start(int port, List<Integer> upstreams, Path dir) throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf, render(Files.readString(Path.of("deploy/nginx/nginx.conf")), port, upstreams, dir));
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
