# PlantPulse: one image for the app and for the device simulator.
#
#   docker build -t plantpulse .
#   docker run -p 8080:8080 -e PLANTPULSE_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 plantpulse
#   docker run plantpulse simulator --bootstrap-servers kafka:9092 --devices 500 --rate 500
#
# Every setting is an environment variable (see the README's Configuration table).

# Build stage: Maven on JDK 17. The POM is copied first so that the dependency layer is only
# rebuilt when the POM changes, not on every source edit.
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
RUN mvn -B -ntp -q package -DskipTests

# Runtime stage: the official Payara Micro 6 image on JDK 17; it runs as the non-root user payara.
FROM payara/micro:6.2025.10-jdk17
LABEL org.opencontainers.image.title="PlantPulse" \
      org.opencontainers.image.description="Live plant telemetry from Kafka to every screen" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/plantpulse/plantpulse"

# Container-aware heap: a share of the container's memory limit, not of the host's.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError" \
    SIMULATOR_JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"

COPY --from=build --chown=payara:payara /build/target/plantpulse.war /opt/payara/deployments/plantpulse.war
COPY --from=build --chown=payara:payara /build/target/classes /opt/plantpulse/classes
COPY --from=build --chown=payara:payara /build/target/simulator-lib /opt/plantpulse/simulator-lib
COPY --chown=payara:payara deploy/docker/entrypoint.sh /opt/plantpulse/entrypoint.sh
# Grizzly's default queue of 4,096 I/O events drops writes at ~10,000 busy sessions (benchmark).
COPY --chown=payara:payara deploy/payara/pre-boot-commands.asadmin /opt/plantpulse/pre-boot-commands.asadmin

USER payara
EXPOSE 8080

# Ready means: Kafka reachable, partitions assigned, warm start done. The probe is a JDK class
# of the app itself, so the image needs no curl. Twelve retries give a warm start two minutes
# (dockerfilelint 1.8 misreads --start-period as an unknown option; compose sets start_period).
HEALTHCHECK --interval=10s --timeout=5s --retries=12 \
  CMD ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx24m", "-cp", "/opt/plantpulse/classes", "io.plantpulse.health.HealthProbe", "http://localhost:8080/health/ready"]

ENTRYPOINT ["/opt/plantpulse/entrypoint.sh"]
CMD ["app"]
