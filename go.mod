module github.com/smbscope/smbscope

go 1.24.0

require (
	github.com/google/gopacket v1.1.19
	github.com/spf13/pflag v1.0.10
)

require (
	golang.org/x/crypto v0.45.0
	golang.org/x/sys v0.38.0 // indirect
)
