package hostile

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// TestBombsInflate checks that the bombs are real: every part unpacks to
// its declared size with a good CRC (archive/zip checks both).
func TestBombsInflate(t *testing.T) {
	sizes := []int64{0, 5, 1 << 20, 1<<20 + 7, 3<<20 + 11}
	if !testing.Short() {
		sizes = append(sizes, 1<<30+1)
	}
	for _, size := range sizes {
		for name, data := range map[string][]byte{"sheet": SheetBomb(size), "shared string": SharedStringBomb(size)} {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatalf("%s %d: %v", name, size, err)
			}
			var total int64
			for _, zf := range zr.File {
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				n, err := io.Copy(io.Discard, rc)
				rc.Close()
				if err != nil || uint64(n) != zf.UncompressedSize64 {
					t.Fatalf("%s %d: %s inflates to %d of %d: %v", name, size, zf.Name, n, zf.UncompressedSize64, err)
				}
				total += n
			}
			if total < size {
				t.Errorf("%s %d: inflates to %d in all", name, size, total)
			}
			if size > 1<<20 && len(data) > int(size/500)+64<<10 {
				t.Errorf("%s %d: %d bytes packed, not a bomb", name, size, len(data))
			}
		}
	}
}
