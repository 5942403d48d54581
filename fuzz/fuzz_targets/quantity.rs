//! Any text given to the quantity parser and the value proposer: an error or
//! a quantity that prints and parses back to itself, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(quantity) = text.parse::<claimdesk::Quantity>() {
        let printed = quantity.to_string();
        assert_eq!(printed.parse::<claimdesk::Quantity>(), Ok(quantity), "{printed}");
        let _ = quantity.interval();
    }
    let _ = claimdesk::propose_quantity(text);
});
