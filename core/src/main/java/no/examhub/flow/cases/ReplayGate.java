package no.examhub.flow.cases;

import java.time.Instant;
import no.examhub.event.CommandReplay;
import no.examhub.event.ReplayDecision;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides a replayed dead letter against the case's state as it is now. It reads {@code case-store}
 * in the case processor's own task, between the case's other inputs, so no change to the case can
 * slip in between the check and the re-emitted command (an interactive query from the HTTP route
 * could be answered from a moment before FS's withdrawal reached the case). It only reads.
 */
final class ReplayGate implements Processor<String, CommandReplay, String, ReplayDecision> {
  private ProcessorContext<String, ReplayDecision> context;
  private KeyValueStore<String, CaseState> cases;

  @Override
  public void init(ProcessorContext<String, ReplayDecision> context) {
    this.context = context;
    this.cases = context.getStateStore(CaseProcessor.STORE);
  }

  @Override
  public void process(Record<String, CommandReplay> record) {
    CommandReplay r = record.value();
    if (r == null || r.command() == null) {
      return;
    }
    String refusal = ReplayRules.refusal(record.key() == null ? null : cases.get(record.key()), r.command());
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    context.forward(record.withValue(new ReplayDecision(r.requestId(), r.deadLetterId(), r.command(), refusal != null,
        refusal, now)));
  }
}
