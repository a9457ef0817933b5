/** SQL sessions, system tables and the dolt_* stored procedures (step 3 onwards). */
package dev.cairn.sql;
