//! oracle_orc connector (being written this session; removed before commit if unfinished).
