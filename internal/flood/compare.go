package flood

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// CompareRecords compares the JSON-lines output of smbscope on a reference
// capture and on the same capture with a flood mixed in. Input names and
// frame numbers necessarily differ and are left out; everything else must
// be equal, record for record (in any order). It returns the number of
// records compared and a description of each difference.
func CompareRecords(reference, flooded []byte) (int, []string, error) {
	a, err := normalised(reference)
	if err != nil {
		return 0, nil, fmt.Errorf("reference: %w", err)
	}
	b, err := normalised(flooded)
	if err != nil {
		return 0, nil, fmt.Errorf("flooded: %w", err)
	}
	var diffs []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			diffs = append(diffs, "only in the reference: "+a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			diffs = append(diffs, "only in the flooded run: "+b[j])
			j++
		default:
			i++
			j++
		}
	}
	return len(a), diffs, nil
}

// normalised decodes each record, drops input names and frame numbers,
// and re-encodes it with sorted keys; the result is sorted.
func normalised(out []byte) ([]string, error) {
	var recs []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, err
		}
		b, err := json.Marshal(strip(v))
		if err != nil {
			return nil, err
		}
		recs = append(recs, string(b))
	}
	sort.Strings(recs)
	return recs, sc.Err()
}

// strip removes the keys that name the input or a frame number.
func strip(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "input" || k == "inputs" || k == "frame" || k == "frames" || strings.HasSuffix(k, "_frame") {
				delete(x, k)
				continue
			}
			x[k] = strip(e)
		}
	case []any:
		for i, e := range x {
			x[i] = strip(e)
		}
	}
	return v
}
