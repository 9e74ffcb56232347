package no.examhub.simulator;

import no.examhub.Main;
import no.examhub.cli.RunCommand;
import no.examhub.platform.config.ConfigException;

/**
 * {@code ./examhub run} on the embedded default: a broker and a store under {@code ./data} where
 * none is configured, and the partner simulators with the demo institutions. Every other command
 * is the production one ({@link Main}).
 */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && !"run".equals(args[0])) {
      Main.main(args);
      return;
    }
    EmbeddedDefault embedded = new EmbeddedDefault();
    try {
      RunCommand.run(embedded, (out, base) -> describe(embedded, out, base));
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  static void describe(EmbeddedDefault embedded, StringBuilder out, String base) {
    embedded.simulatorsUrl().ifPresent(url -> out.append("  Simulators       ").append(url).append(" (/inspera, /fs)\n"));
    embedded.demoCredentials().ifPresent(demo -> out
        .append("  Demo institution ").append(DemoData.INSTITUTION).append('\n')
        .append("    Inspera webhook  POST ").append(base).append("/webhooks/inspera/").append(DemoData.INSTITUTION).append('\n')
        .append("    Inspera secret   ").append(demo.insperaSecret()).append('\n')
        .append("    Operator token   ").append(demo.adminToken()).append('\n')
        .append("  All credentials  ").append(embedded.credentialsFile().map(Object::toString).orElse("")).append('\n'));
  }
}
