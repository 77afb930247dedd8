# One image for every xfs service; the first argument chooses which one runs:
#   docker run xfs store|directory|proxy|sts|standalone|zookeeper [--spring.or.xfs.property=value ...]
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY common common
COPY store-service store-service
COPY directory-service directory-service
COPY proxy-service proxy-service
COPY sts-service sts-service
COPY standalone standalone
COPY bench bench
RUN ./mvnw -B -q -DskipTests install

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/xfs --create-home xfs
WORKDIR /opt/xfs
COPY --from=build /src/store-service/target/store-service.jar \
                  /src/directory-service/target/directory-service.jar \
                  /src/proxy-service/target/proxy-service.jar \
                  /src/sts-service/target/sts-service.jar \
                  /src/standalone/target/xfs-standalone.jar \
                  /src/bench/target/xfs-bench.jar ./
COPY docker/entrypoint.sh /usr/local/bin/xfs
USER xfs
ENV XFS_DATA_DIR=/var/lib/xfs
VOLUME /var/lib/xfs
ENTRYPOINT ["xfs"]
CMD ["standalone"]
