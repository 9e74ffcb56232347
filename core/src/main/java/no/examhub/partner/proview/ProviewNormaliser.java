package no.examhub.partner.proview;

import java.io.IOException;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.RawRequest;
import no.examhub.platform.json.Json;
import no.examhub.platform.streams.Rejected;

/**
 * Turns a raw Proview callback into the command to fetch its session from Proview. Only the ids
 * are taken from the callback; its {@code message} and anything else in it are ignored, so a
 * forged callback cannot inject a rating. The command's id hashes institution and ids, so the
 * same callback delivered twice is one command.
 */
public final class ProviewNormaliser {
  private ProviewNormaliser() {}

  public static Command fetchCommand(RawRequest raw) {
    ProviewCallback callback = parse(raw.body());
    if (callback == null || callback.sessionUuid() == null) {
      throw new Rejected("MISSING_FIELD", "session_uuid is missing");
    }
    if (!callback.hasValidSessionUuid()) {
      throw new Rejected("BAD_FIELD", "session_uuid is not a UUID");
    }
    return Command.of(raw.institution(), Partner.PROVIEW,
        new Payload.FetchSession(callback.session(), callback.externalIdText()), raw.requestId(), raw.receivedAt());
  }

  private static ProviewCallback parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new Rejected("MALFORMED_JSON", "empty body");
    }
    try {
      return Json.MAPPER.readValue(body, ProviewCallback.class);
    } catch (IOException e) {
      throw new Rejected("MALFORMED_JSON", "not a Proview callback: " + e.getClass().getSimpleName());
    }
  }
}
