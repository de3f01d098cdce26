//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// flockFile takes a flock on path (created when missing), shared or
// exclusive, without waiting: ErrInUse when another process holds it in
// a way that conflicts. The function returned releases it. flock belongs
// to the open file, so the lock also ends with the process, however it
// ends.
func flockFile(path string, exclusive bool) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if errors.Is(err, os.ErrPermission) {
		// Made by another account (root ran a command before the service
		// did): a lock needs no write access.
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		f.Close()
		return nil, ErrInUse
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("flock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}

// lockHolders names the processes holding a flock on path, from
// /proc/locks (Linux): "pid 1234: planwatch serve --addr …".
func lockHolders(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "another process"
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "another process"
	}
	b, err := os.ReadFile("/proc/locks")
	if err != nil {
		return "another process"
	}
	var out []string
	seen := map[int]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		// 1: FLOCK  ADVISORY  READ  1234 08:01:5678 0 EOF; a waiter has "->" after the number.
		if len(f) >= 6 && f[1] == "->" {
			continue
		}
		if len(f) < 6 || f[1] != "FLOCK" {
			continue
		}
		dev := strings.Split(f[5], ":")
		if len(dev) != 3 || dev[2] != strconv.FormatUint(st.Ino, 10) {
			continue
		}
		pid, err := strconv.Atoi(f[4])
		if err != nil || seen[pid] {
			continue
		}
		seen[pid] = true
		if name := processName(pid); name != "" {
			out = append(out, fmt.Sprintf("pid %d: %s", pid, name))
		} else {
			out = append(out, fmt.Sprintf("pid %d", pid))
		}
	}
	if len(out) == 0 {
		return "another process"
	}
	return strings.Join(out, "; ")
}
