package no.examhub.cli;

import java.io.PrintStream;
import java.util.List;

/** Runs {@link InsperaCommand} against a given Examhub, for tests outside the cli package. */
public final class InsperaCommandAccess {
  private InsperaCommandAccess() {}

  public static int run(String baseUrl, String token, PrintStream out, List<String> args) {
    return new InsperaCommand(baseUrl, token, out).execute(args);
  }
}
