// Package e2e drives the explorer page in headless Chromium against a real
// actorgraph and Neo4j with the Crocus data set loaded (see explorer_test.go).
// It needs Debian's chromium at /usr/bin/chromium and a Docker engine.
package e2e
