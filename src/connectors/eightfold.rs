//! eightfold connector (being written this session; removed before commit if unfinished).
