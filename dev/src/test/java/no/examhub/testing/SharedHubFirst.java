package no.examhub.testing;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;

/**
 * Runs the test classes on {@link TestHub#shared()} first, one after the other, and the others
 * after them in the order they came in, so the shared hub starts once and is closed before any
 * other hub starts. Configured in {@code junit-platform.properties}.
 */
public final class SharedHubFirst implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    if (context.getClassDescriptors().stream().anyMatch(d -> d.isAnnotated(Nested.class))) {
      return;
    }
    int shared = order(context.getClassDescriptors());
    // Surefire with more than one JVM hands each JVM one class at a time: nothing to count then, and
    // the shared hub stays up until a hub of its own starts (TestHub stops it first) or the JVM ends.
    if (context.getClassDescriptors().size() > 1) {
      TestHub.sharedClassesToRun(shared);
    }
  }

  /** Moves the classes on the shared hub to the front and tells how many they are. */
  static int order(List<? extends ClassDescriptor> classes) {
    // List.sort is stable: the classes keep their order within each of the two groups.
    classes.sort(Comparator.comparing(d -> !TestHub.usesSharedHub(d.getTestClass())));
    // A disabled class never runs its callbacks: counted, it would keep the shared hub open.
    return (int) classes.stream().filter(d -> TestHub.usesSharedHub(d.getTestClass()))
        .filter(d -> !d.isAnnotated(Disabled.class)).count();
  }
}
