package no.examhub;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import no.examhub.Examhub.Parts;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.partner.archive.ArchiveHandler;
import no.examhub.partner.fs.FsAccounts;
import no.examhub.partner.fs.FsCommandHandler;
import no.examhub.partner.inspera.InsperaHandler;
import no.examhub.partner.metrica.SubscriberNotifier;
import no.examhub.partner.metrica.WebhookSubscribers;
import no.examhub.partner.proview.ProviewHandler;
import no.examhub.partner.standard.StandardWebhookSender;
import no.examhub.partner.wiseflow.WiseflowHandler;
import no.examhub.platform.config.ExamhubConfig;

/**
 * Every partner API Examhub calls: where a command leaves. Every partner has a worker; each command
 * finds its institution's endpoint and account (PartnerEndpoints, partner_credentials), and one for
 * an institution without them is dead-lettered with a code that says what is missing.
 */
final class Outbound {
  private final Parts parts;
  private final Consumer<AutoCloseable> remember;

  private Outbound(Parts parts, Consumer<AutoCloseable> remember) {
    this.parts = parts;
    this.remember = remember;
  }

  static List<PartnerHandler> handlers(Parts parts, Consumer<AutoCloseable> remember) {
    return new Outbound(parts, remember).handlers();
  }

  private List<PartnerHandler> handlers() {
    ExamhubConfig c = parts.config();
    PartnerHttp http = new PartnerHttp(c.partnerConnectTimeout(), c.partnerReadTimeout());
    List<PartnerHandler> handlers = new ArrayList<>();
    PartnerCredentialsRepository credentials = parts.credentials();
    // Each institution's own Talview account and app-id, resolved per command.
    handlers.add(new ProviewHandler(http, parts.institutions(), credentials, parts.endpoints(), parts.clock()));
    // Per institution: each is its own Inspera tenant (PartnerEndpoints.inspera), so the worker always runs.
    handlers.add(new InsperaHandler(http, parts.institutions()::find, parts.endpoints(), credentials,
        parts.producer(), c.partnerConnectTimeout(), c.partnerReadTimeout(), parts.clock()));
    // Per institution: each command's licence decides WISEflow's server and auth (PartnerEndpoints).
    handlers.add(new WiseflowHandler(http, parts.endpoints(), parts.institutions(), credentials,
        c.partnerConnectTimeout(), c.partnerReadTimeout(), parts.clock()));
    // Every institution's own FS server and FSWS user, resolved per command (FsAccounts).
    handlers.add(new FsCommandHandler(http, parts.institutions(), new FsAccounts(parts.endpoints(), credentials)));
    // Each institution's own archive (partners.archiveUrl), resolved per command.
    handlers.add(new ArchiveHandler(http, parts.institutions(), parts.endpoints(), credentials));
    handlers.add(subscriberNotifier(c));
    return handlers;
  }

  /** Each test player has its own URL (webhook_subscribers), so the notifier needs no partner URL. */
  private PartnerHandler subscriberNotifier(ExamhubConfig c) {
    WebhookSubscribers subscribers = new WebhookSubscribers(parts.database(), c.configRefresh());
    remember.accept(subscribers);
    return new SubscriberNotifier(subscribers, parts.database(),
        new StandardWebhookSender(c.partnerConnectTimeout(), c.partnerReadTimeout(), parts.clock()), parts.clock());
  }
}
