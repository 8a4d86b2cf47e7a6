package capture

// tombs remembers connections closed by FIN or RST, so that their late
// packets do not open new ones. A connection's tomb is far smaller than the
// connection, and holds no pointers: the garbage collector neither scans
// the slots nor the index, which matters with tens of thousands of them.
type tombs struct {
	// slots holds the tombs in a doubly linked list through slot numbers,
	// most recent first; slot 0 is the list's root and free slots are
	// chained through next from free.
	slots []tomb
	free  int32
	index map[connKey]int32
	n     int
}

type tomb struct {
	key        connKey
	last       int64 // the connection's last packet, unixNano
	prev, next int32
}

func newTombs() *tombs {
	return &tombs{slots: make([]tomb, 1), index: make(map[connKey]int32)}
}

// find returns the slot of key's tomb, 0 when there is none.
func (ts *tombs) find(key connKey) int32 {
	if ts.n == 0 {
		return 0
	}
	return ts.index[key]
}

// add remembers key, closed at last.
func (ts *tombs) add(key connKey, last int64) {
	i := ts.free
	if i != 0 {
		ts.free = ts.slots[i].next
	} else {
		ts.slots = append(ts.slots, tomb{})
		i = int32(len(ts.slots) - 1)
	}
	root := &ts.slots[0]
	ts.slots[i] = tomb{key: key, last: last, prev: 0, next: root.next}
	ts.slots[root.next].prev = i
	root.next = i
	ts.index[key] = i
	ts.n++
}

// remove drops the tomb in slot i.
func (ts *tombs) remove(i int32) {
	tb := &ts.slots[i]
	ts.slots[tb.prev].next = tb.next
	ts.slots[tb.next].prev = tb.prev
	delete(ts.index, tb.key)
	*tb = tomb{next: ts.free}
	ts.free = i
	ts.n--
}

// oldest returns the slot of the oldest tomb, 0 when there is none.
func (ts *tombs) oldest() int32 { return ts.slots[0].prev }

// last is the time of the last packet of the tomb in slot i.
func (ts *tombs) last(i int32) int64 { return ts.slots[i].last }
