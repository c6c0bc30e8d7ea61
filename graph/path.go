package graph

import (
	"fmt"
	"sort"
)

// Direction says which way a hop follows its edge: forward from source to
// target, backward from target to source.
type Direction string

// Hop directions.
const (
	Forward  Direction = "forward"
	Backward Direction = "backward"
)

// Hop is one step of a path with the evidence of its edge (the edge's own
// Evidence, so a hop says all an edge says: level, quote, validity, why it
// was inferred).
type Hop struct {
	Edge      string    `json:"edge"`
	From      string    `json:"from"`
	Type      string    `json:"type"`
	To        string    `json:"to"`
	Direction Direction `json:"direction"`
	Evidence
}

// Score is how a path ranks: shorter first, then the stronger weakest-hop
// evidence (verified quote > reported quote > summary), then more verified
// hops, then the higher weakest-hop confidence, then more distinct sources.
type Score struct {
	Rank int `json:"rank"`
	// WeakestEvidence is the lowest evidence level among the hops.
	WeakestEvidence EvidenceLevel `json:"weakestEvidence"`
	// VerifiedHops counts hops whose quote was verified in its source's text.
	VerifiedHops      int     `json:"verifiedHops"`
	WeakestConfidence int     `json:"weakestConfidence"`
	MeanConfidence    float64 `json:"meanConfidence"`
	DistinctSources   int     `json:"distinctSources"`
	Contested         int     `json:"contested"`
	Explanation       string  `json:"explanation"`
}

// Path is a sequence of nodes joined by edges, with a hop per edge.
type Path struct {
	Nodes  []string `json:"nodes"`
	Edges  []string `json:"edges"`
	Length int      `json:"length"`
	Score  Score    `json:"score"`
	Hops   []Hop    `json:"hops"`
}

// PathAnswer is the graph of all returned paths plus the paths, ranked, and a
// reason when there are none.
type PathAnswer struct {
	Subgraph
	Paths []Path `json:"paths"`
	// Sources are the Source entities the edges cite (title, url, publisher).
	Sources []Node   `json:"sources"`
	Reason  string   `json:"reason,omitempty"`
	Notes   []string `json:"notes,omitempty"`
	// Query echoes the resolved query so a client sees what was asked.
	Query map[string]any `json:"query,omitempty"`
}

// NewPath builds a path from its node ids and edges in order, reading each
// hop's direction from the edge's source and target.
func NewPath(nodes []string, edges []Edge) Path {
	p := Path{Nodes: nodes, Length: len(edges)}
	for i, e := range edges {
		dir := Forward
		if e.Source != nodes[i] {
			dir = Backward
		}
		p.Edges = append(p.Edges, e.ID)
		p.Hops = append(p.Hops, Hop{Edge: e.ID, From: nodes[i], Type: e.Type, To: nodes[i+1],
			Direction: dir, Evidence: e.Evidence})
	}
	p.Score = scorePath(p.Hops)
	return p
}

// Simple reports whether no node repeats in the path.
func (p Path) Simple() bool {
	seen := make(map[string]bool, len(p.Nodes))
	for _, n := range p.Nodes {
		if seen[n] {
			return false
		}
		seen[n] = true
	}
	return true
}

func scorePath(hops []Hop) Score {
	s := Score{WeakestConfidence: 100}
	if len(hops) == 0 {
		return s
	}
	sources := map[string]bool{}
	sum := 0
	s.WeakestEvidence = hops[0].Level
	for _, h := range hops {
		if h.Level.Rank() < s.WeakestEvidence.Rank() {
			s.WeakestEvidence = h.Level
		}
		if h.Level == EvidenceQuote {
			s.VerifiedHops++
		}
		s.WeakestConfidence = min(s.WeakestConfidence, h.Confidence)
		sum += h.Confidence
		for _, src := range h.Sources {
			sources[src] = true
		}
		if h.Stance == Alleged || h.Stance == Denied {
			s.Contested++
		}
	}
	s.DistinctSources = len(sources)
	s.MeanConfidence = float64(int(float64(sum)/float64(len(hops))*10+0.5)) / 10
	return s
}

// RankPaths orders paths shorter first, then by stronger weakest-hop evidence
// (a verified quote over a reported quote over a summary), then by more
// verified hops, then by higher weakest-hop confidence, then by more distinct
// sources, then fewer contested hops; it drops repeats
// and paths that revisit a node, keeps at most limit, and explains each score.
func RankPaths(paths []Path, limit int) []Path {
	seen := map[string]bool{}
	out := make([]Path, 0, len(paths))
	for _, p := range paths {
		key := fmt.Sprint(p.Edges)
		if seen[key] || !p.Simple() {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Length != b.Length:
			return a.Length < b.Length
		case a.Score.WeakestEvidence.Rank() != b.Score.WeakestEvidence.Rank():
			return a.Score.WeakestEvidence.Rank() > b.Score.WeakestEvidence.Rank()
		case a.Score.VerifiedHops != b.Score.VerifiedHops:
			return a.Score.VerifiedHops > b.Score.VerifiedHops
		case a.Score.WeakestConfidence != b.Score.WeakestConfidence:
			return a.Score.WeakestConfidence > b.Score.WeakestConfidence
		case a.Score.DistinctSources != b.Score.DistinctSources:
			return a.Score.DistinctSources > b.Score.DistinctSources
		case a.Score.Contested != b.Score.Contested:
			return a.Score.Contested < b.Score.Contested
		}
		return fmt.Sprint(a.Edges) < fmt.Sprint(b.Edges)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		s := &out[i].Score
		s.Rank = i + 1
		s.Explanation = fmt.Sprintf("rank %d: %d hop(s); weakest evidence %s, %d of %d hop(s) "+
			"verified quotes (at equal length a verified quote ranks above a reported quote, a "+
			"reported quote above a summary); weakest hop confidence %d (mean %.1f); %d distinct source(s); %d contested hop(s)",
			i+1, out[i].Length, evidenceWords(s.WeakestEvidence), s.VerifiedHops, out[i].Length,
			s.WeakestConfidence, s.MeanConfidence, s.DistinctSources, s.Contested)
	}
	return out
}

// evidenceWords names a level for an explanation.
func evidenceWords(l EvidenceLevel) string {
	switch l {
	case EvidenceQuote:
		return "a verified quote"
	case EvidenceReportedQuote:
		return "a reported quote (not checked against a stored text)"
	case EvidenceSummary:
		return "a curator's summary"
	}
	return "unknown (stored before evidence levels)"
}
