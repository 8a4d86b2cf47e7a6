package main

import (
	"fmt"

	"github.com/smbscope/smbscope/verify"
)

// loadSecrets reads the --keys and --ntlm-creds files; nil when neither was
// given. Errors name the file and line, never its content.
func loadSecrets(keysFile, credsFile string) (*verify.Secrets, error) {
	if keysFile == "" && credsFile == "" {
		return nil, nil
	}
	s := new(verify.Secrets)
	if keysFile != "" {
		if err := s.LoadKeyFile(keysFile); err != nil {
			return nil, fmt.Errorf("--keys: %w", err)
		}
	}
	if credsFile != "" {
		if err := s.LoadCredsFile(credsFile); err != nil {
			return nil, fmt.Errorf("--ntlm-creds: %w", err)
		}
	}
	return s, nil
}
