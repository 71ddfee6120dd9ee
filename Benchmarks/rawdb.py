"""For the raw-ceiling steps: a copy of the benchmark's database (SQLite's online backup, so a
running server's file is fine), opened as Jingmin opens its own (WAL, synchronous=NORMAL) with
transactions left to the caller."""
import sqlite3


def writable_copy(src, dst):
    with sqlite3.connect(dst) as copy:
        sqlite3.connect(src).backup(copy)
    db = sqlite3.connect(dst, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db
