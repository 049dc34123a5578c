//! Stops the process when its standard output is closed by the reader.
//!
//! A write to a closed pipe fails, but only when it happens: `eval` busy with a long request
//! would otherwise keep computing for nobody. A watcher thread polls the output descriptor,
//! which reports an error condition as soon as the reading end is gone.

/// Starts the watcher; when standard output is a pipe or socket whose reader has gone, the
/// process exits with `status`. On platforms without `poll` this does nothing (the next write
/// still notices).
pub fn exit_when_stdout_closes(status: i32) {
    #[cfg(unix)]
    {
        let _ = std::thread::Builder::new().name("stdout-watch".into()).spawn(move || loop {
            let mut fd = libc::pollfd { fd: libc::STDOUT_FILENO, events: 0, revents: 0 };
            // SAFETY: one valid pollfd, its count, and a timeout; poll writes only `revents`.
            let ready = unsafe { libc::poll(&mut fd, 1, 1000) };
            if ready > 0 && fd.revents & (libc::POLLERR | libc::POLLHUP) != 0 {
                std::process::exit(status);
            }
            if ready > 0 && fd.revents & libc::POLLNVAL != 0 {
                return; // no output descriptor at all: nothing to watch
            }
            if ready < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                return;
            }
        });
    }
    #[cfg(not(unix))]
    let _ = status;
}
