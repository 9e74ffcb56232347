package no.examhub.flow.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;
import no.examhub.flow.cases.CaseState.Explanation;
import no.examhub.flow.cases.CaseState.ExplanationStatus;

/**
 * Explanations (begrunnelser): FS's request is passed to the exam system; the published
 * explanation is registered in FS. Published explanations are final: never requested twice.
 */
final class ExplanationRules {
  private ExplanationRules() {}

  static Decision onFsRequest(CaseState s, FsExplanationRequest r, Instant now) {
    if (s.explanation().status() != ExplanationStatus.NONE) {
      return Decision.of(s);
    }
    CaseState requested = s.withExplanation(
        new Explanation(ExplanationStatus.REQUESTED, r.datoKlageMottatt(), null));
    Command request = Command.of(s.institution(), partnerOf(s),
        new Payload.RequestExplanation(s.vurdId(), s.kandidatnr(), r.datoKlageMottatt()), r.contentHash(), now);
    if (s.examSystem() == ExamSystem.WISEFLOW) {
      return Decision.of(requested, request);
    }
    // One option per test: the same command (same id) from every candidate is carried out once.
    Command enable = Command.of(s.institution(), Partner.INSPERA, new Payload.EnableExplanationOption(s.vurdId()),
        r.contentHash(), now);
    return Decision.of(requested, enable, request);
  }

  /** Inspera announced that the explanation is published: fetch its documents. */
  static Decision onPublished(CaseState s, String causationId, Instant now) {
    if (s.explanation().status() != ExplanationStatus.REQUESTED) {
      return Decision.of(s);
    }
    Command fetch = Command.of(s.institution(), Partner.INSPERA, new Payload.FetchExplanation(s.vurdId(),
        s.kandidatnr(), s.ids().testId(), s.ids().candidateUserId()), causationId, now);
    return Decision.of(s, fetch);
  }

  /**
   * The exam system's explanation is known (fetched from Inspera, or a WISEflow poll found it
   * answered): register it in FS and, in WISEflow, make it visible to the candidate.
   */
  static Decision onAnswered(CaseState s, Result.Explanation explanation, String causationId, Instant now) {
    if (s.explanation().status() != ExplanationStatus.REQUESTED) {
      return Decision.of(s);
    }
    List<Command> commands = new ArrayList<>();
    Result.Explanation given = explanation == null ? new Result.Explanation(null, null, null, null) : explanation;
    commands.add(Command.of(s.institution(), Partner.FS, new Payload.RegisterExplanation(s.examSystem(), s.vurdId(),
        s.kandidatnr(), given.url(), s.explanation().requestedOn(), given.document(), given.givenAt(),
        given.contentType()), causationId, now));
    if (s.examSystem() == ExamSystem.WISEFLOW) {
      commands.add(Command.of(s.institution(), Partner.WISEFLOW,
          new Payload.ShowExplanation(s.ids().flowId(), s.ids().explanationRequestId(), true), causationId, now));
    }
    CaseState published = s.withExplanation(
        new Explanation(ExplanationStatus.PUBLISHED, s.explanation().requestedOn(), explanation));
    return new Decision(published, commands);
  }

  static CaseState onRegisteredInFs(CaseState s) {
    Explanation e = s.explanation();
    return s.withExplanation(new Explanation(ExplanationStatus.REGISTERED, e.requestedOn(), e.document()));
  }

  /** A WISEflow request still waiting for its answer; the poll round makes each poll a new command. */
  static Command poll(CaseState s, long round, Instant now) {
    return Command.of(s.institution(), Partner.WISEFLOW, new Payload.PollExplanation(s.ids().flowId(),
        s.ids().explanationRequestId(), s.vurdId(), s.kandidatnr(), round), s.caseKey(), now);
  }

  static boolean awaitingWiseflowAnswer(CaseState s) {
    return s.examSystem() == ExamSystem.WISEFLOW && s.explanation().status() == ExplanationStatus.REQUESTED
        && s.ids().explanationRequestId() != null;
  }

  private static Partner partnerOf(CaseState s) {
    return s.examSystem() == ExamSystem.WISEFLOW ? Partner.WISEFLOW : Partner.INSPERA;
  }
}
