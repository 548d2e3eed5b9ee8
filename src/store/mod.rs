//! whosaid's own files: the reading places and the user lexicon, and how every file of
//! ours is written (a lock, a re-read, an atomic replace). Never imports the reader.

pub mod places;
pub mod read;
pub mod userlex;
