package server

import (
	"net"
	"sync"
	"time"
)

// maxBuckets bounds the rate limiter's memory: past it, buckets that have
// refilled completely (their addresses are idle) are dropped.
const maxBuckets = 4096

// rateLimiter is a token bucket per remote IP for new connections.
type rateLimiter struct {
	limit RateLimit
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

// bucket is one address's tokens as of last.
type bucket struct {
	tokens float64
	last   time.Time
}

// newRateLimiter returns a limiter for l; nil when l disables limiting.
func newRateLimiter(l RateLimit) *rateLimiter {
	if l.Burst <= 0 || l.Every <= 0 {
		return nil
	}
	return &rateLimiter{limit: l, now: time.Now, buckets: map[string]*bucket{}}
}

// allow takes a token for addr's IP, reporting false when there is none.
// A nil limiter allows everything.
func (r *rateLimiter) allow(addr net.Addr) bool {
	if r == nil {
		return true
	}
	key := addr.String()
	if tcp, ok := addr.(*net.TCPAddr); ok {
		key = tcp.IP.String()
	}
	now := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.buckets[key]
	if b == nil {
		if len(r.buckets) >= maxBuckets {
			r.prune(now)
		}
		b = &bucket{tokens: float64(r.limit.Burst), last: now}
		r.buckets[key] = b
	}
	b.refill(now, r.limit)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// refill adds the tokens earned since b.last, up to the burst.
func (b *bucket) refill(now time.Time, l RateLimit) {
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(float64(l.Burst), b.tokens+float64(elapsed)/float64(l.Every))
		b.last = now
	}
}

// prune drops the buckets that are full again; r.mu is held.
func (r *rateLimiter) prune(now time.Time) {
	for k, b := range r.buckets {
		b.refill(now, r.limit)
		if b.tokens >= float64(r.limit.Burst) {
			delete(r.buckets, k)
		}
	}
}

// trackedConn is a client connection that logs its end once, with the
// fingerprint that authenticated on it, if any.
type trackedConn struct {
	net.Conn
	start   time.Time
	onClose func(c *trackedConn)

	mu          sync.Mutex
	fingerprint string
	closeOnce   sync.Once
	isClosed    bool
	channels    int         // channels open now
	bare        bool        // authenticated, counted in Server.bare
	idle        *time.Timer // closes a connection with no channel
}

// setFingerprint records the key that authenticated on c.
func (c *trackedConn) setFingerprint(fp string) {
	c.mu.Lock()
	c.fingerprint = fp
	c.mu.Unlock()
}

// Fingerprint returns the key that authenticated on c, or "".
func (c *trackedConn) Fingerprint() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fingerprint
}

// closed reports whether Close was called; callers hold c.mu.
func (c *trackedConn) closed() bool { return c.isClosed }

// Close closes the connection and reports it once.
func (c *trackedConn) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(func() {
		c.mu.Lock()
		c.isClosed = true
		c.mu.Unlock()
		if c.onClose != nil {
			c.onClose(c)
		}
	})
	return err
}
