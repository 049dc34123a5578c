//! The `theoremcheck` command line.

mod cli;

fn main() {
    quiet_on_closed_pipe();
    std::process::exit(cli::run());
}

/// Rust ignores SIGPIPE, so `theoremcheck list | head` would panic in `println!` once `head`
/// exits. Exit the way Unix tools killed by SIGPIPE do (status 141), without a panic message.
fn quiet_on_closed_pipe() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default_hook(info);
    }));
}
