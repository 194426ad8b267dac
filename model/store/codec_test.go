package store_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/testkit"
)

func TestCodecRoundTrip(t *testing.T) {
	c := store.NewCodec()
	a := model.Article{ID: "x", Title: "Bridge", Paragraphs: []string{"One “quote”.", "Two."}, Markdown: "One “quote”.\n\nTwo.\n"}
	data, err := c.EncodeArticle(a)
	require.NoError(t, err)
	got, err := c.DecodeArticle(data)
	require.NoError(t, err)
	assert.Equal(t, a, got)
	plain, _ := json.Marshal(a)
	got, err = c.DecodeArticle(plain)
	require.NoError(t, err, "documents stored before compression still read")
	assert.Equal(t, a, got)
	b := analyze.Analyze(a)
	data, err = c.EncodeBrief(b)
	require.NoError(t, err)
	gb, err := c.DecodeBrief(data)
	require.NoError(t, err)
	assert.Equal(t, b, gb)
	_, err = c.DecodeArticle(append([]byte{0x28, 0xb5, 0x2f, 0xfd}, "garbage"...))
	assert.ErrorContains(t, err, "corrupt")
}

// BenchmarkArticleCodecs compares how articles are stored: plain JSON,
// zstd at two levels and s2, on the BBC bulk corpus. It reports bytes
// per article and MB/s of article JSON encoded.
func BenchmarkArticleCodecs(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(testkit.Corpus(b), "bulk", "bbc-fulltext", "*", "*.txt"))
	if len(files) == 0 {
		b.Skip("no bulk corpus")
	}
	slices.Sort(files)
	var docs [][]byte
	total := 0
	for _, f := range files {
		arts, err := source.LoadFile(f)
		if err != nil {
			continue
		}
		j, _ := json.Marshal(arts[0])
		docs = append(docs, j)
		total += len(j)
	}
	fast, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	def, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	dec, _ := zstd.NewReader(nil)
	for _, c := range []struct {
		name   string
		encode func([]byte) []byte
		decode func([]byte) []byte
	}{
		{"json", func(d []byte) []byte { return d }, func(d []byte) []byte { return d }},
		{"zstd-fastest", func(d []byte) []byte { return fast.EncodeAll(d, nil) }, func(d []byte) []byte { o, _ := dec.DecodeAll(d, nil); return o }},
		{"zstd-default", func(d []byte) []byte { return def.EncodeAll(d, nil) }, func(d []byte) []byte { o, _ := dec.DecodeAll(d, nil); return o }},
		{"s2", func(d []byte) []byte { return s2.Encode(nil, d) }, func(d []byte) []byte { o, _ := s2.Decode(nil, d); return o }},
		{"s2-better", func(d []byte) []byte { return s2.EncodeBetter(nil, d) }, func(d []byte) []byte { o, _ := s2.Decode(nil, d); return o }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(total))
			size := 0
			for b.Loop() {
				size = 0
				for _, d := range docs {
					e := c.encode(d)
					size += len(e)
					if len(c.decode(e)) != len(d) {
						b.Fatal("round trip lost bytes")
					}
				}
			}
			b.ReportMetric(float64(size)/float64(len(docs)), "bytes/article")
		})
	}
}
