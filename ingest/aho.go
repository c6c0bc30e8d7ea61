package ingest

// automaton is an Aho-Corasick matcher over runes: every pattern is found in
// one pass over the text, however many patterns there are. Transitions live
// in one map keyed by (state, rune), which keeps 100k-pattern automata small.
type automaton struct {
	next map[uint64]int32
	fail []int32
	// out is the pattern ending at a state (-1: none); dict is the nearest
	// state down the fail chain that has an output (-1: none).
	out   []int32
	dict  []int32
	depth []int32
}

func key(state int32, r rune) uint64 { return uint64(state)<<32 | uint64(uint32(r)) }

func newAutomaton() *automaton {
	return &automaton{next: map[uint64]int32{}, fail: []int32{0}, out: []int32{-1}, dict: []int32{-1}, depth: []int32{0}}
}

// add inserts pattern p with index id; add every pattern before build.
func (a *automaton) add(p []rune, id int32) {
	s := int32(0)
	for _, r := range p {
		t, ok := a.next[key(s, r)]
		if !ok {
			t = int32(len(a.fail))
			a.next[key(s, r)] = t
			a.fail = append(a.fail, 0)
			a.out = append(a.out, -1)
			a.dict = append(a.dict, -1)
			a.depth = append(a.depth, a.depth[s]+1)
		}
		s = t
	}
	a.out[s] = id
}

// build computes the fail and dictionary links breadth first.
func (a *automaton) build() {
	children := make([][]struct {
		r rune
		t int32
	}, len(a.fail))
	for k, t := range a.next {
		s := int32(k >> 32)
		children[s] = append(children[s], struct {
			r rune
			t int32
		}{rune(uint32(k)), t})
	}
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, c := range children[s] {
			queue = append(queue, c.t)
			if s == 0 {
				a.fail[c.t] = 0
			} else {
				f := a.fail[s]
				for {
					if t, ok := a.next[key(f, c.r)]; ok {
						a.fail[c.t] = t
						break
					}
					if f == 0 {
						a.fail[c.t] = 0
						break
					}
					f = a.fail[f]
				}
			}
			if fs := a.fail[c.t]; a.out[fs] >= 0 {
				a.dict[c.t] = fs
			} else {
				a.dict[c.t] = a.dict[fs]
			}
		}
	}
}

// scan calls fn(end, pattern, length) for every occurrence of every pattern
// in text; end is exclusive.
func (a *automaton) scan(text []rune, fn func(end int, id int32, length int)) {
	s := int32(0)
	for i, r := range text {
		for {
			if t, ok := a.next[key(s, r)]; ok {
				s = t
				break
			}
			if s == 0 {
				break
			}
			s = a.fail[s]
		}
		for o := s; o > 0; o = a.dict[o] {
			if a.out[o] >= 0 {
				fn(i+1, a.out[o], int(a.depth[o]))
			}
			if a.dict[o] < 0 {
				break
			}
		}
	}
}
