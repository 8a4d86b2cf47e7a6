package verify

import (
	"fmt"
	"testing"
)

// signedMessage returns an SMB2 READ response of n bytes signed by s.
func signedMessage(b *testing.B, s *Signer, n int) []byte {
	msg := make([]byte, n)
	copy(msg, []byte{0xFE, 'S', 'M', 'B', smb2HeaderLen})
	msg[smb2CommandOff] = 8                    // READ
	msg[smb2FlagsOff] = smb2FlagResponse | 0x8 // response, signed
	msg[smb2MessageIDOff] = 7                  // MessageId
	for i := smb2HeaderLen; i < n; i++ {
		msg[i] = byte(i)
	}
	s.Sign(msg)
	if !s.Verify(msg) {
		b.Fatal("the benchmark message does not verify")
	}
	return msg
}

// BenchmarkSigner reports SMB2/3 signatures checked per second, per
// algorithm, for a small message and a 64 KiB READ response.
func BenchmarkSigner(b *testing.B) {
	key := []byte("0123456789abcdef")
	for _, alg := range []Algorithm{HMACSHA256, AESCMAC, AESGMAC} {
		for _, n := range []int{256, 64 << 10} {
			b.Run(fmt.Sprintf("%s/%dB", alg, n), func(b *testing.B) {
				s, err := NewSigner(alg, key)
				if err != nil {
					b.Fatal(err)
				}
				msg := signedMessage(b, s, n)
				b.SetBytes(int64(n))
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if !s.Verify(msg) {
						b.Fatal("verification failed")
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
			})
		}
	}
}

// BenchmarkSMB1Signer reports SMB1 signatures checked per second.
func BenchmarkSMB1Signer(b *testing.B) {
	s := NewSMB1Signer([]byte("0123456789abcdef"), nil)
	msg := make([]byte, 4096)
	copy(msg, []byte{0xFF, 'S', 'M', 'B'})
	b.SetBytes(int64(len(msg)))
	for i := 0; i < b.N; i++ {
		s.Verify(msg, uint32(i))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
