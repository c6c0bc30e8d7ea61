package handlers

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the Prometheus series a soak test or an operator watches.
type Metrics struct {
	Registry  *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	errors    *prometheus.CounterVec
	queries   *prometheus.HistogramVec
	inFlight  prometheus.Gauge
	importsOK prometheus.Counter
	streamErr *prometheus.CounterVec
}

// NewMetrics registers actorgraph's series (and the Go runtime's) on a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "actorgraph_http_requests_total",
			Help: "HTTP requests by route, method and status code."}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "actorgraph_http_request_duration_seconds",
			Help: "HTTP request latency by route.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"route"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "actorgraph_http_errors_total",
			Help: "Error answers by class (invalid, not_found, ambiguous, timeout, unavailable, internal, ...)."},
			[]string{"class"}),
		queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "actorgraph_neo4j_query_duration_seconds",
			Help:    "Neo4j statement latency by statement and outcome.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"query", "outcome"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "actorgraph_neo4j_sessions_in_use",
			Help: "Neo4j statements running now: driver pool connections in use by actorgraph."}),
		importsOK: prometheus.NewCounter(prometheus.CounterOpts{Name: "actorgraph_imports_total",
			Help: "Imports committed."}),
		streamErr: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "actorgraph_http_stream_errors_total",
			Help: "Responses cut short after their status went out (the time limit passed while " +
				"sending, the client went away, a value could not be written), by route."}, []string{"route"}),
	}
	m.Registry.MustRegister(m.requests, m.latency, m.errors, m.queries, m.inFlight, m.importsOK, m.streamErr,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveQuery times one Neo4j statement; pass it as the store's Observe hook.
func (m *Metrics) ObserveQuery(name string) func(err error) {
	start := time.Now()
	m.inFlight.Inc()
	return func(err error) {
		m.inFlight.Dec()
		outcome := "ok"
		switch {
		case err == nil:
		case errors.Is(err, graph.ErrTimeout):
			outcome = "timeout"
		case errors.Is(err, graph.ErrUnavailable):
			outcome = "unavailable"
		case errors.Is(err, context.Canceled):
			outcome = "canceled"
		default:
			outcome = "error"
		}
		m.queries.WithLabelValues(name, outcome).Observe(time.Since(start).Seconds())
	}
}

// middleware counts and times every request by its route pattern.
func (m *Metrics) middleware(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, c.Request.Method, strconv.Itoa(c.Writer.Status())).Inc()
	m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	if class := c.GetString(errorClassKey); class != "" {
		m.errors.WithLabelValues(class).Inc()
	}
	if c.GetString(streamErrorKey) != "" {
		m.streamErr.WithLabelValues(route).Inc()
	}
}
