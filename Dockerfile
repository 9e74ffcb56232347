# syntax=docker/dockerfile:1
# Examhub image: builds the jar with Maven, runs it on a JRE as a non-root user.
#   docker build -t examhub .
#   docker compose up --build      (Kafka, MongoDB, Examhub, Prometheus, Grafana)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
COPY .mvn ./.mvn
# The image is the core module alone: the development and bench modules' poms are there only
# because the reactor lists them; none of their code or dependencies is built or shipped.
COPY dev/pom.xml ./dev/pom.xml
COPY bench/pom.xml ./bench/pom.xml
COPY core ./core
# Produces core/target/examhub.jar and its runtime classpath in core/target/lib/. The cache mount
# keeps ~/.m2 between builds (BuildKit, the default builder), so dependencies download once.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -pl core package

FROM eclipse-temurin:17-jre
# curl is installed here on purpose: the HEALTHCHECK below uses it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --user-group --no-create-home --home-dir /app --shell /usr/sbin/nologin examhub \
 && mkdir -p /var/lib/examhub \
 && chown examhub:examhub /var/lib/examhub
WORKDIR /app
COPY --from=build /build/core/target/lib/ ./lib/
COPY --from=build /build/core/target/examhub.jar ./examhub.jar
ENV EXAMHUB_HTTP_HOST=0.0.0.0 \
    EXAMHUB_DATA_DIR=/var/lib/examhub
VOLUME ["/var/lib/examhub"]
USER examhub
# 8080: webhooks and /health; 9080: the operator API and /metrics when EXAMHUB_ADMIN_PORT=9080.
EXPOSE 8080 9080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD curl -fsS http://localhost:8080/health/ready || exit 1
# Exec form: java expands the lib/* classpath wildcard itself; SIGTERM reaches the JVM.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "examhub.jar:lib/*", "no.examhub.Main"]
CMD ["run"]
