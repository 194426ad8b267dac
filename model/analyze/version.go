package analyze

// Version identifies the analyser's output. Briefs are stored with the
// version that made them and analysed again when it differs, so bump it
// with every change that can alter any brief (key points, quotes and
// speakers, phases, people): a new rule, a changed word list, a fix.
//
// TestVersionFollowsOutput fingerprints the briefs of the seed, the
// corpus and the samples and fails when they change while Version does
// not; after bumping it, record the new fingerprint with
//
//	go test ./model/analyze -run TestVersionFollowsOutput -update
const Version = 42
