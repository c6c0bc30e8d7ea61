package dataset

import "sync/atomic"

// pipe hands records to fn on a goroutine of its own, in order and in
// batches, so that reading and validating the next records overlaps with
// writing the last ones (a bulk load spends about as long on each).
type pipe[T any] struct {
	fn     func(T) error
	ch     chan []T
	batch  []T
	done   chan struct{}
	err    error
	failed atomic.Bool
}

const pipeBatch = 1024

func newPipe[T any](fn func(T) error) *pipe[T] {
	p := &pipe[T]{fn: fn, ch: make(chan []T, 4), done: make(chan struct{}), batch: make([]T, 0, pipeBatch)}
	go func() {
		defer close(p.done)
		for b := range p.ch {
			if p.failed.Load() {
				continue // drain, so put never blocks for good
			}
			for _, x := range b {
				if err := p.fn(x); err != nil {
					p.err = err
					p.failed.Store(true)
					break
				}
			}
		}
	}()
	return p
}

// put queues x; it reports only whether an earlier record failed (the
// error itself comes from close).
func (p *pipe[T]) put(x T) bool {
	p.batch = append(p.batch, x)
	if len(p.batch) == pipeBatch {
		p.ch <- p.batch
		p.batch = make([]T, 0, pipeBatch)
	}
	return !p.failed.Load()
}

// close waits until every queued record is handled and returns the first
// error.
func (p *pipe[T]) close() error {
	if len(p.batch) > 0 {
		p.ch <- p.batch
		p.batch = nil
	}
	close(p.ch)
	<-p.done
	return p.err
}
