package io.buddykit.cli;

import io.buddykit.app.Catalogue;
import io.buddykit.view.serve.WebServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code buddykit serve}: the live web view, to watch a workload, a trace replay or a scenario run. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves the live view: a page that draws the memory map, buddyinfo and the"
        + " fragmentation indices while a workload, an uploaded trace or a scenario runs, with a JSON API.")
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080",
      description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}, loopback only;"
          + " 0.0.0.0 exposes it to the network).")
  String bind;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0 to 65535, not " + port);
    }
    WebServer web = start();
    Runtime.getRuntime().addShutdownHook(new Thread(web::close));
    PrintWriter out = spec.commandLine().getOut();
    out.println("buddykit live view at " + web.uri() + " (Ctrl-C stops it)");
    out.flush();
    new CountDownLatch(1).await(); // serve until the process is stopped
    return 0;
  }

  /** Starts the server; an address that does not resolve or a port in use is bad input, named. */
  private WebServer start() throws java.io.IOException {
    try {
      java.net.InetAddress.getByName(bind);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(
          "--bind " + bind + ": not an address of this machine nor a host name that resolves");
    }
    try {
      return WebServer.start(bind, port, Catalogue.all(), WebServer.MAX_UPLOAD);
    } catch (java.net.BindException e) {
      throw new IllegalArgumentException("cannot listen on " + bind + " port " + port + ": "
          + (e.getMessage() == null ? "address in use or not local" : e.getMessage().toLowerCase(java.util.Locale.ROOT))
          + " (pick another with --port, or --port 0 for a free one)");
    }
  }
}
