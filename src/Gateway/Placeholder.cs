namespace CallCenter.Gateway;
