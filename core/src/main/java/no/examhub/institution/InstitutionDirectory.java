package no.examhub.institution;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.examhub.platform.mongo.RefreshingSnapshot;

/** The institutions as the hot path sees them: a snapshot by short name, refreshed from MongoDB. */
public final class InstitutionDirectory implements AutoCloseable {
  private final RefreshingSnapshot<String, Institution> snapshot;

  public InstitutionDirectory(InstitutionRepository repository, Duration refreshInterval) {
    this.snapshot = new RefreshingSnapshot<>("institutions", () -> repository.findAll().stream()
        .collect(Collectors.toMap(Institution::shortName, Function.identity())), refreshInterval);
  }

  public Optional<Institution> find(String shortName) {
    return Optional.ofNullable(snapshot.get().get(shortName));
  }

  /** An institution that may use Examhub now: inactive ones are treated as unknown. */
  public Optional<Institution> findActive(String shortName) {
    return find(shortName).filter(Institution::active);
  }

  public Collection<Institution> all() {
    return snapshot.get().values();
  }

  public void refresh() {
    snapshot.refresh();
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
