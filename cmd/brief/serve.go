package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/cmd/brief/server"
	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/sample"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/tui"
)

// serveOptions are the flags of `brief serve`.
type serveOptions struct {
	listen         string
	library        []string
	authorizedKeys string
	hostKey        string
	allowAnyKey    bool
	idleTimeout    time.Duration
	maxSessions    int
	store          storeFlags
	config         string
	rateBurst      int
	rateEvery      time.Duration
	drainTimeout   time.Duration
	fps            int
}

func newServeCmd() *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the reader over SSH, one session and triage state per public key",
		Long: `brief serve runs an SSH server: every session opens the reader on the shared
library, sized to the client's terminal and drawn in its colors, with triage
state kept per user (the SHA256 fingerprint of the key) in the state database.

Only public keys listed in --authorized-keys may connect; without that file
the server refuses to start unless --allow-any-key is given. Passwords,
keyboard-interactive, commands (exec), subsystems (sftp/scp) and port, agent
and X11 forwarding are all refused. SIGTERM or ctrl+c drains: sessions are
told, state is flushed, then the server exits.

--review shared makes the quote review a team's: marks, quote notes and speaker
corrections belong to the library, each shown with who made it (the key's
comment in authorized_keys, else its fingerprint), and every session sees the
others' within a second. Triage (read, star, archive, tags) stays per user.
--store postgres://... lets several servers share one database.`,
		Example: `  brief serve --authorized-keys ~/.ssh/authorized_keys --library ~/news/
  brief serve --review shared --store postgres://brief@db.example/brief --authorized-keys desk_keys
  ssh -p 2323 127.0.0.1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", server.DefaultListen, "address to listen on")
	f.StringArrayVar(&o.library, "library", nil, "article file, folder, feed or URL to serve (repeatable; default: the samples)")
	f.StringVar(&o.authorizedKeys, "authorized-keys", "", "OpenSSH authorized_keys file: the only keys let in")
	f.StringVar(&o.hostKey, "host-key", "", "host private key, created (ed25519, 0600) when missing (default $XDG_DATA_HOME/brief/ssh_host_ed25519_key)")
	f.BoolVar(&o.allowAnyKey, "allow-any-key", false, "let any public key in (each key still gets its own state)")
	f.DurationVar(&o.idleTimeout, "idle-timeout", server.DefaultIdleTimeout, "close sessions without input for this long (0 disables)")
	f.IntVar(&o.maxSessions, "max-sessions", server.DefaultMaxSessions, "maximum concurrent sessions")
	addStoreFlags(f, &o.store, true)
	f.StringVar(&o.config, "config", "", "config file, for its store and review settings (default $XDG_CONFIG_HOME/brief/config.toml)")
	f.IntVar(&o.rateBurst, "rate-burst", server.DefaultRateLimit.Burst, "new connections allowed at once per address (0 disables the limit)")
	f.DurationVar(&o.rateEvery, "rate-every", server.DefaultRateLimit.Every, "one more connection per address allowed every")
	f.DurationVar(&o.drainTimeout, "drain-timeout", 15*time.Second, "longest wait for sessions to end on shutdown")
	f.IntVar(&o.fps, "fps", server.DefaultFPS, "frame rate cap per session (1-120): lower saves CPU, higher cuts key latency")
	return cmd
}

// runServe loads the library, opens the store and serves until SIGTERM
// or SIGINT, then drains.
func runServe(cmd *cobra.Command, o *serveOptions) error {
	logger := log.NewWithOptions(cmd.ErrOrStderr(), log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339})
	ctx, stop := signal.NotifyContext(cmdContext(cmd), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cfg, err := loadConfig(o.config)
	if err != nil {
		return err
	}
	fetcher, err := newFetcher(cmd, cfg) // the config's max_size, under --max-size
	if err != nil {
		return err
	}
	lib, err := loadLibrary(ctx, o.library, fetcher, logger)
	if err != nil {
		return err
	}
	if err := o.store.resolve(cfg); err != nil {
		return err
	}
	st, err := o.store.open(ctx)
	if err != nil {
		return err
	}
	where := describeStore(o.store.spec)
	logger.Info("state database", "store", where, "review", o.store.review)
	defer func() {
		if err := st.Close(); err != nil {
			logger.Error("closing the state database", "err", err)
		} else {
			logger.Info("state flushed", "store", where)
		}
	}()

	idle := o.idleTimeout
	if idle == 0 {
		idle = -1 // the flag's 0 means "never"
	}
	rate := server.RateLimit{Burst: o.rateBurst, Every: o.rateEvery}
	if o.rateBurst <= 0 {
		rate.Burst = -1
	}
	srv, err := server.New(server.Options{
		Listen:         o.listen,
		HostKeyPath:    o.hostKey,
		AuthorizedKeys: o.authorizedKeys,
		AllowAnyKey:    o.allowAnyKey,
		IdleTimeout:    idle,
		MaxSessions:    o.maxSessions,
		RateLimit:      rate,
		FPS:            o.fps,
		Logger:         logger,
		NewModel:       lib.sessionModel(st, &o.store, logger),
	})
	if err != nil {
		return err
	}
	if _, err := srv.Listen(); err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	drain, cancel := context.WithTimeout(context.Background(), o.drainTimeout)
	defer cancel()
	if err := srv.Shutdown(drain); err != nil {
		logger.Warn("sessions still open after the drain timeout were closed", "err", err)
	}
	return <-served
}

// cmdContext returns the command's context, or Background.
func cmdContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

// library is the articles served to every session and their briefs,
// loaded and analysed once at start and read-only afterwards.
type library struct {
	articles []model.Article
	briefs   map[string]model.Brief // by Article.ID
}

// loadLibrary loads and analyses the given sources, or the embedded
// samples when there are none. Failing sources are logged; a library
// with no article at all is an error.
func loadLibrary(ctx context.Context, origins []string, fetcher *source.Fetcher, logger *log.Logger) (*library, error) {
	start := time.Now()
	var arts []model.Article
	if len(origins) == 0 {
		var err error
		if arts, err = sample.Articles(); err != nil {
			return nil, err
		}
	} else {
		for _, o := range origins {
			if o == "-" {
				return nil, errors.New(`--library "-": the server cannot read articles from standard input`)
			}
		}
		var errs []error
		arts, errs = source.LoadAllWith(ctx, origins, nil, fetcher)
		for _, err := range errs {
			logger.Warn("library source failed", "err", err)
		}
	}
	if len(arts) == 0 {
		return nil, errors.New("the library is empty: no article could be loaded")
	}
	lib := &library{articles: arts, briefs: make(map[string]model.Brief, len(arts))}
	for _, a := range arts {
		lib.briefs[a.ID] = analyze.Analyze(a)
	}
	logger.Info("library loaded", "articles", len(arts), "took", time.Since(start).Round(time.Millisecond))
	return lib, nil
}

// analyze returns a's brief from the shared analysis, analysing articles
// it does not know.
func (l *library) analyze(a model.Article) model.Brief {
	if b, ok := l.briefs[a.ID]; ok && a.ID != "" {
		return b
	}
	return analyze.Analyze(a)
}

// sessionModel returns the factory of per-session readers: each gets its
// own copy of the article list (the reader may sort it), the shared
// briefs, the session's size, the client's color capability and the
// user's own triage state; the theme follows the client's background,
// which the reader asks the client's terminal for.
func (l *library) sessionModel(st *store.Store, sf *storeFlags, logger *log.Logger) func(server.Session) (tea.Model, error) {
	return func(s server.Session) (tea.Model, error) {
		arts := append([]model.Article(nil), l.articles...)
		// Triage state per user, keyed by the key's fingerprint; sessions
		// of one key share it, and each undoes only its own actions until
		// it ends, when they pass to the key's later sessions.
		user := sf.user(st, s.Fingerprint, firstNonEmpty(s.KeyComment, s.Fingerprint))
		// Every session hears the review changes of the others, on this
		// server and (over one database) on the others.
		live := st.Subscribe()
		context.AfterFunc(s.Context, func() {
			live.Close()
			if err := user.End(context.Background()); err != nil {
				logger.Error("ending a session's undo log", "err", err)
			}
		})
		return tui.New(tui.Options{
			Context: s.Context,
			Load: func(context.Context) ([]model.Article, []error) {
				return arts, nil
			},
			Analyze: l.analyze,
			Width:   s.Width,
			Height:  s.Height,
			Theme:   "auto",
			NoColor: s.ColorProfile <= colorprofile.ASCII,
			// OpenURL stays nil: a browser on the server is no use to
			// the client.
			Store: user,
			Live:  live,
		}), nil
	}
}
