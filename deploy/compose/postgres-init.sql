-- One database per service, as deploy/local-stack creates them.
CREATE DATABASE stocktaking;
CREATE DATABASE prizes;
CREATE DATABASE forum;
CREATE DATABASE indicators;
