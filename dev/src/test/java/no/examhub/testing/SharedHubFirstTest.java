package no.examhub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The classes on the shared hub run first and together; the others keep their order after them. */
class SharedHubFirstTest {
  @Test
  void classesOnTheSharedHubComeFirstAndTheRestKeepTheirOrder() {
    List<ClassDescriptor> classes = new ArrayList<>(List.of(descriptor(OwnHub.class), descriptor(SharedA.class),
        descriptor(NoHub.class), descriptor(SharedB.class)));

    int shared = SharedHubFirst.order(classes);

    assertThat(shared).isEqualTo(2);
    assertThat(classes).extracting(ClassDescriptor::getTestClass)
        .containsExactly(SharedA.class, SharedB.class, OwnHub.class, NoHub.class);
  }

  @Test
  void onlyAStaticFieldHoldingTheSharedHubCounts() {
    assertThat(TestHub.usesSharedHub(SharedA.class)).isTrue();
    assertThat(TestHub.usesSharedHub(OwnHub.class)).isFalse();
    assertThat(TestHub.usesSharedHub(NoHub.class)).isFalse();
  }

  static class OwnHub {
    @RegisterExtension
    static final TestHub hub = TestHub.perClass();
  }

  static class SharedA {
    @RegisterExtension
    static final TestHub hub = TestHub.shared();
  }

  static class NoHub {}

  static class SharedB {
    @RegisterExtension
    static final TestHub hub = TestHub.shared();
  }

  private static ClassDescriptor descriptor(Class<?> testClass) {
    return new ClassDescriptor() {
      @Override
      public Class<?> getTestClass() {
        return testClass;
      }

      @Override
      public String getDisplayName() {
        return testClass.getSimpleName();
      }

      @Override
      public boolean isAnnotated(Class<? extends Annotation> annotationType) {
        return testClass.isAnnotationPresent(annotationType);
      }

      @Override
      public <A extends Annotation> Optional<A> findAnnotation(Class<A> annotationType) {
        return Optional.ofNullable(testClass.getAnnotation(annotationType));
      }

      @Override
      public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> annotationType) {
        return List.of(testClass.getAnnotationsByType(annotationType));
      }
    };
  }
}
