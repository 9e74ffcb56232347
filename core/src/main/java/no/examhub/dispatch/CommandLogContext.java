package no.examhub.dispatch;

import no.examhub.event.Command;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

/**
 * Seed 003's log fields for the command being carried out (env, orgId, examSys, vurdId,
 * kandidatnr, submodule, flowId, testId, topic, offset, commandId), in the MDC for the duration of
 * one attempt, so every line logged meanwhile carries them; the JSON layout writes them as fields.
 * Commands hold no person number, so none can reach the log this way.
 */
final class CommandLogContext implements AutoCloseable {
  private static final String[] FIELDS = {"env", "orgId", "examSys", "vurdId", "kandidatnr", "submodule", "flowId",
      "testId", "topic", "offset", "commandId", "attempt", "success", "errorCode", "errorMessage"};

  private CommandLogContext() {}

  static CommandLogContext of(String environment, Command c, ConsumerRecord<?, ?> r, int attempt) {
    MDC.put("env", environment);
    MDC.put("orgId", c.institution());
    MDC.put("examSys", c.partner().id());
    MDC.put("submodule", c.operation());
    MDC.put("commandId", c.commandId());
    MDC.put("topic", r.topic());
    MDC.put("offset", Long.toString(r.offset()));
    MDC.put("attempt", Integer.toString(attempt));
    put("vurdId", c.payloadText("vurdId", "sisCode"));
    put("kandidatnr", c.payloadText("kandidatnr"));
    put("flowId", c.payloadText("flowId"));
    put("testId", c.payloadText("testId"));
    return new CommandLogContext();
  }

  void succeeded() {
    MDC.put("success", "true");
  }

  /** Applied at the partner, its answer unreadable: not a failure, not a plain success either. */
  void resultUnknown(String errorCode, String errorMessage) {
    MDC.put("success", "unknown");
    MDC.put("errorCode", errorCode);
    MDC.put("errorMessage", errorMessage);
  }

  void failed(String errorCode, String errorMessage) {
    MDC.put("success", "false");
    MDC.put("errorCode", errorCode);
    MDC.put("errorMessage", errorMessage);
  }

  private static void put(String field, String value) {
    if (value != null) {
      MDC.put(field, value);
    }
  }

  @Override
  public void close() {
    for (String f : FIELDS) {
      MDC.remove(f);
    }
  }
}
