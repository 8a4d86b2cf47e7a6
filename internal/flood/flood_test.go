package flood

import (
	"bytes"
	"encoding/binary"
	"os"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	real, err := os.ReadFile("../../testdata/pcaps/samba/s05_smb311_defaults_user.pcap")
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	st, err := Write(&a, Config{Connections: 1000, Seed: 7}, real)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&b, Config{Connections: 1000, Seed: 7}, real); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same seed gave a different capture")
	}
	if st.RealPackets != 88 || st.HalfOpen+st.SYNGarbage+st.Garbage != 1000 || st.Packets != 88+uint64(st.HalfOpen+2*st.SYNGarbage+st.Garbage) {
		t.Errorf("stats %+v", st)
	}
	// Every record is whole, and the real packets come out unchanged and
	// in order.
	out, err := readPcap(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	in, _ := readPcap(real)
	k := 0
	srcs := map[[4]byte]bool{}
	for _, p := range out {
		if k < len(in) && bytes.Equal(p.data, in[k].data) {
			k++
			continue
		}
		if binary.BigEndian.Uint16(p.data[36:]) != 445 {
			t.Fatalf("flood packet to port %d", binary.BigEndian.Uint16(p.data[36:]))
		}
		srcs[[4]byte(p.data[26:30])] = true
	}
	if k != len(in) || len(srcs) != 1000 {
		t.Errorf("%d of %d real packets found, %d flood sources", k, len(in), len(srcs))
	}
}

func TestCompareRecords(t *testing.T) {
	ref := `{"type":"session","input":"a.pcap","first_frame":1,"outcome":"signed","samples":[{"frame":3,"cmd":"READ"}]}` + "\n"
	same := `{"samples":[{"cmd":"READ","frame":9}],"outcome":"signed","type":"session","input":"b.pcap","first_frame":7}` + "\n"
	other := `{"type":"session","input":"b.pcap","first_frame":1,"outcome":"unsigned","samples":[{"frame":3,"cmd":"READ"}]}` + "\n"
	if n, diffs, err := CompareRecords([]byte(ref), []byte(same)); err != nil || n != 1 || len(diffs) != 0 {
		t.Errorf("same records: %d %q %v", n, diffs, err)
	}
	if _, diffs, _ := CompareRecords([]byte(ref), []byte(other)); len(diffs) != 2 || !strings.HasPrefix(diffs[0], "only in the") {
		t.Errorf("different records: %q", diffs)
	}
	if _, diffs, _ := CompareRecords([]byte(ref), []byte(ref+same)); len(diffs) != 1 {
		t.Errorf("an extra record: %q", diffs)
	}
}
