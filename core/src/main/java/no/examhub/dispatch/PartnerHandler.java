package no.examhub.dispatch;

import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Result;

/**
 * Carries out one partner's commands against its API. Implementations are the only place where
 * Examhub calls a partner; each call carries the command id as its {@code Idempotency-Key}.
 */
public interface PartnerHandler {
  Partner partner();

  /**
   * Does what the command says.
   *
   * @return what the topology needs from the partner's answers (ids, documents): the {@link Result}
   *     record of the operation
   * @throws PartnerFailure when the partner refused or could not be reached
   */
  Result execute(Command command) throws PartnerFailure;
}
