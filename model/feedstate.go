package model

import "time"

// FeedState is what brief remembers about fetching one URL source (a feed
// or a page) between fetches and between runs: the validators of its last
// good response, so the next fetch is a conditional request; how long
// that response stays fresh; and how the last attempts went, so a
// failing or throttling server is asked again only after a pause.
type FeedState struct {
	// ETag and LastModified are the validators of the last good response.
	ETag, LastModified string
	// Fetched is when the URL last answered with a body or 304.
	Fetched time.Time
	// FreshUntil is when the last good response stops being fresh
	// (Cache-Control: max-age); no request is made before it.
	FreshUntil time.Time
	// RetryAt is the earliest time of the next request after a failure
	// (Retry-After, or a backoff that doubles with each failure).
	RetryAt time.Time
	// Failures counts the failed attempts since the last success.
	Failures int
	// LastError is the reason of the last failure; "" after a success.
	LastError string
}
