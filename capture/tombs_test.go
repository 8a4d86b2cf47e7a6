package capture

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTombs checks the tomb list against a plain slice kept in the same
// order, through random adds and removals, oldest first and by key.
func TestTombs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ts := newTombs()
	var model []connKey // most recent first
	key := func(i int) connKey { return connKey{a1: uint64(i), pa: 445} }
	next, most := 0, 0
	for step := range 100000 {
		switch op := rng.IntN(10); {
		case op < 5 || len(model) == 0:
			k := key(next)
			next++
			ts.add(k, int64(step))
			model = slices.Insert(model, 0, k)
		case op < 8:
			i := ts.oldest()
			if ts.slots[i].key != model[len(model)-1] {
				t.Fatalf("step %d: oldest %v, want %v", step, ts.slots[i].key, model[len(model)-1])
			}
			ts.remove(i)
			model = model[:len(model)-1]
		default:
			j := rng.IntN(len(model))
			i := ts.find(model[j])
			if i == 0 {
				t.Fatalf("step %d: %v not found", step, model[j])
			}
			ts.remove(i)
			model = slices.Delete(model, j, j+1)
		}
		most = max(most, len(model))
		if ts.n != len(model) || len(ts.index) != len(model) {
			t.Fatalf("step %d: %d tombs, %d indexed, want %d", step, ts.n, len(ts.index), len(model))
		}
	}
	var got []connKey
	for i := ts.slots[0].next; i != 0; i = ts.slots[i].next {
		got = append(got, ts.slots[i].key)
	}
	if !slices.Equal(got, model) {
		t.Fatalf("list order differs from the model")
	}
	if ts.find(key(next)) != 0 {
		t.Fatalf("a key never added was found")
	}
	if len(ts.slots) > most+1 {
		t.Fatalf("%d slots for at most %d tombs at once: free slots are not reused", len(ts.slots), most)
	}
}
