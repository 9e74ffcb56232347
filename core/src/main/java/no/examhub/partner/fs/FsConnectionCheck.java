package no.examhub.partner.fs;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.examhub.institution.ConnectionCheck;
import no.examhub.institution.Institution;

/**
 * "Check connection" for FS: one read the poller makes, the appeals changed since now (an empty
 * list when all is well), with the institution's FSWS user on its FS server.
 */
public final class FsConnectionCheck {
  private static final Pattern STATUS = Pattern.compile("answered (\\d{3})");

  private final FsAccounts accounts;
  private final HttpClient http;
  private final Duration readTimeout;
  private final Clock clock;

  public FsConnectionCheck(FsAccounts accounts, Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.accounts = accounts;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
    this.clock = clock;
  }

  public ConnectionCheck check(Institution institution) {
    String name = "FS " + institution.fsEnvironment();
    try {
      FsClient client = accounts.client(institution, http, readTimeout);
      client.changedSince(FsFeed.APPEALS.endpoint(), institution.examSystem(), institution.institutionNumber(), clock.instant());
      return ConnectionCheck.works("fs", name + ": works (read the appeals changed since now)");
    } catch (FsAccounts.Unconfigured e) {
      return ConnectionCheck.fails("fs", e.code(), name + ": not configured, " + e.getMessage());
    } catch (FsException e) {
      Matcher m = STATUS.matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        int status = Integer.parseInt(m.group(1));
        return ConnectionCheck.fails("fs", Integer.toString(status),
            name + ": " + status + ", " + ConnectionCheck.meaning(status, "FSWS user"));
      }
      return ConnectionCheck.fails("fs", "UNREACHABLE", name + ": " + e.getMessage());
    }
  }
}
