module github.com/smbscope/smbscope

go 1.24

require (
	github.com/google/gopacket v1.1.19
	github.com/spf13/pflag v1.0.10
)
