//! SQLite's allocator (issue 4). SQLite allocates through the C library's malloc unless told
//! otherwise, and counts every allocation under a global mutex. In the import profile glibc
//! malloc was a third of the index build and a tenth of the whole import; in the lookup
//! profile the counting mutex showed on every query. Before SQLite starts, this hands it
//! mimalloc (the allocator the Rust side already uses) and turns the counting off.
//! SQLCipher wraps whatever allocator is configured at start, so its own hooks stay in place.

use std::os::raw::{c_int, c_void};
use std::sync::OnceLock;

use libmimalloc_sys as mi;
use libsqlite3_sys as ffi;

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    mi::mi_malloc(n.max(0) as usize)
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    mi::mi_free(p);
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    mi::mi_realloc(p, n.max(0) as usize)
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    c_int::try_from(mi::mi_usable_size(p)).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    c_int::try_from(mi::mi_good_size(n.max(0) as usize)).unwrap_or(n)
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

/// Configures SQLite's allocator once per process, before the first connection. Returns
/// whether SQLite accepted it (it refuses once it has started, e.g. if another part of the
/// process opened a database first; it then keeps the C library's malloc, which is correct,
/// only slower).
pub(crate) fn configure() -> bool {
    static ACCEPTED: OnceLock<bool> = OnceLock::new();
    *ACCEPTED.get_or_init(|| {
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(x_malloc),
            xFree: Some(x_free),
            xRealloc: Some(x_realloc),
            xSize: Some(x_size),
            xRoundup: Some(x_roundup),
            xInit: Some(x_init),
            xShutdown: Some(x_shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: this runs once, before this process opens a connection (Store::open calls
        // it first); SQLite copies the methods struct. A refusal (SQLITE_MISUSE after start)
        // changes nothing.
        let ok = unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &methods as *const _) == ffi::SQLITE_OK
                && ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int) == ffi::SQLITE_OK
        };
        if !ok {
            tracing::warn!("SQLite had already started; it keeps the C library's allocator");
        }
        ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_allocates_through_mimalloc_without_counting() {
        assert!(configure(), "configured before SQLite started");
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (randomblob(100000));")
            .unwrap();
        // With counting off SQLite reports no memory in use, although it holds a table.
        assert_eq!(unsafe { ffi::sqlite3_memory_used() }, 0);
        // A block SQLite allocates is mimalloc's: mimalloc knows its usable size.
        let p = unsafe { ffi::sqlite3_malloc(1000) };
        assert!(unsafe { mi::mi_usable_size(p) } >= 1000);
        unsafe { ffi::sqlite3_free(p) };
    }
}
