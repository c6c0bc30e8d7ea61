# actorgraph for docker-compose.yml: a static Go binary plus the curated data sets.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/actorgraph ./cmd/actorgraph

FROM alpine:3.22
RUN adduser -D -H -u 10001 actorgraph
COPY --from=build /out/actorgraph /usr/local/bin/actorgraph
COPY data/ /data/
USER actorgraph
ENV ACTORGRAPH_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD wget -qO /dev/null http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/actorgraph"]
CMD ["serve", "--load-if-empty", "/data/crocus/crocus.json"]
