package server

import (
	"net"
	"strings"
	"testing"
)

func TestParseOptions(t *testing.T) {
	for _, c := range []struct {
		opts    []string
		noPTY   bool
		from    int
		refused string
	}{
		{nil, false, 0, ""},
		{[]string{"no-pty"}, true, 0, ""},
		{[]string{"restrict"}, true, 0, ""},
		{[]string{"restrict", "pty"}, false, 0, ""},
		{[]string{`from="10.0.0.1,192.168.*"`}, false, 2, ""},
		{[]string{"no-port-forwarding", "no-agent-forwarding", "no-X11-forwarding"}, false, 0, ""},
		{[]string{"cert-authority"}, false, 0, "cert-authority"},
		{[]string{`command="/bin/sh"`}, false, 0, `"command"`},
		{[]string{`environment="A=b"`}, false, 0, `"environment"`},
		{[]string{"made-up"}, false, 0, `"made-up"`},
		{[]string{`from=`}, false, 0, "malformed"},
	} {
		kl, err := parseOptions(c.opts)
		if c.refused != "" {
			if err == nil || !strings.Contains(err.Error(), c.refused) {
				t.Errorf("%q: err %v, want a refusal naming %s", c.opts, err, c.refused)
			}
			continue
		}
		if err != nil || kl.noPTY != c.noPTY || len(kl.from) != c.from {
			t.Errorf("%q: %+v %v, want noPTY %v and %d from patterns", c.opts, kl, err, c.noPTY, c.from)
		}
	}
}

func TestFromMatches(t *testing.T) {
	for _, c := range []struct {
		patterns string
		ip       string
		want     bool
	}{
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.1", "127.0.0.2", false},
		{"10.0.0.0/8", "10.1.2.3", true},
		{"192.168.*", "192.168.4.5", true},
		{"192.168.?.1", "192.168.4.1", true},
		{"!10.0.0.1,10.0.0.0/8", "10.0.0.1", false},
		{"!10.0.0.1,10.0.0.0/8", "10.0.0.2", true},
		{"*.example.com", "127.0.0.1", false},
		{"::1", "::1", true},
	} {
		if got := fromMatches(strings.Split(c.patterns, ","), net.ParseIP(c.ip)); got != c.want {
			t.Errorf("from=%q for %s: %v, want %v", c.patterns, c.ip, got, c.want)
		}
	}
}
