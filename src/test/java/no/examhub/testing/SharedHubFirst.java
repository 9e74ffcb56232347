package no.examhub.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Nested;

/**
 * Runs the test classes on {@link TestHub#shared()} first, one after the other, and the others
 * after them in the order they came in, so the shared hub is closed before any other hub starts
 * and never works off another class's commands. Configured in {@code junit-platform.properties}.
 */
public final class SharedHubFirst implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    if (context.getClassDescriptors().stream().anyMatch(d -> d.isAnnotated(Nested.class))) {
      return;
    }
    // List.sort is stable: the classes keep their order within each of the two groups.
    context.getClassDescriptors().sort(Comparator.comparing(d -> !TestHub.usesSharedHub(d.getTestClass())));
    TestHub.sharedClassesToRun((int) context.getClassDescriptors().stream()
        .filter(d -> TestHub.usesSharedHub(d.getTestClass())).count());
  }
}
